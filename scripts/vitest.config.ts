import {configDefaults, defineProject} from 'vitest/config'
import {createProject} from '../vitest.shared.js'

// Tests that install whole copies of the workspace (60-100 s) run only in `pnpm test:slow`
// (`vitest run --mode slow`), which CI runs as its own task; `pnpm test` and an editor's vitest
// (any other mode) leave them out.
const slow = ['test/remote-cache.test.ts']

export default defineProject(({mode}) => {
  const project = createProject('scripts')
  return mode === 'slow'
    ? {...project, test: {...project.test, name: 'scripts-slow', include: slow}}
    : {...project, test: {...project.test, exclude: [...configDefaults.exclude, ...slow]}}
})
