export {exportEdition, exportFormatVersion, toCsv, type EditionExport} from './export-edition.js'
export {editionSchema} from './schema.js'
