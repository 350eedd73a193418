import {defineProject} from 'vitest/config'
import {createProject} from '../vitest.shared.js'

const base = createProject('content-browser')

/** Browser tests: real headless Chromium against the built site, one file at a time. */
export default defineProject({
  ...base,
  test: {
    ...base.test,
    name: 'content-browser',
    include: ['test-browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false
  }
})
