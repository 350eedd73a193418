#!/usr/bin/env node
// The command line runs from one bundled file: loading ~200 small modules costs more than the build.
import '../dist/mltop10.js'
