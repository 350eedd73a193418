export {buildEpub, type BuildEpubOptions, type EpubBook} from './build-epub.js'
