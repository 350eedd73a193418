import {createProject} from '../../vitest.shared.js'

export default createProject('epub')
