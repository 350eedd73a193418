import {defineProject} from 'vitest/config'
import {createProject} from '../vitest.shared.js'

const base = createProject('workflows')

/** Workflow tests: the README's commands on a copy of the real repository, one at a time. */
export default defineProject({
  ...base,
  test: {
    ...base.test,
    name: 'workflows',
    include: ['test-workflow/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    fileParallelism: false
  }
})
