export {fillOutputFolder, outputMarker, outputMarkerName, prepareOutputFolders, type OutputFolder, type OutputGuard, type OutputKind} from './output-folder.js'
export {writeFileAtomically, writeFolderAtomically} from './write-atomic.js'
