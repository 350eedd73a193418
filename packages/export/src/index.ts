export {checklistCsv, exportEdition, mappingsCsv, toCsv} from './export-edition.js'
export {editionExportSchema, editionSchema, exportFormatVersion, type EditionExport} from './schema.js'
