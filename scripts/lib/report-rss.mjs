// Preloaded with `node --import` by the benchmarks: prints the process's peak memory when it exits.
process.on('exit', () => {
  process.stderr.write(`\nbench-peak-rss-kb=${process.resourceUsage().maxRSS}\n`)
})
