import {defineProject} from 'vitest/config'

/**
 * Shared vitest project settings for every workspace package.
 *
 * Workspace packages are resolved to their TypeScript sources through the
 * `@mltop10/source` export condition, so tests never need a prior build.
 *
 * @param name Project name shown in test output.
 */
export function createProject(name: string) {
  return defineProject({
    resolve: {conditions: ['@mltop10/source']},
    ssr: {resolve: {conditions: ['@mltop10/source']}},
    test: {
      name,
      include: ['test/**/*.test.ts'],
      testTimeout: 30_000,
      // The files of a package share one module graph: each loads the package's sources once
      // instead of once per file. Tests restore what they change of the process (env, cwd).
      isolate: false
    }
  })
}
