export {fillOutputFolder, outputMarker, outputMarkerName, prepareOutputFolders, type OutputFolder, type OutputGuard, type OutputKind} from './output-folder.js'
export {updateFolderInPlace, writeFileAtomically, writeFolderAtomically} from './write-atomic.js'
