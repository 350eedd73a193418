export {exportEdition, exportFormatVersion, toCsv, type EditionExport, type ExportOptions} from './export-edition.js'
export {editionSchema} from './schema.js'
