export {buildPdfs, type BuildPdfsOptions, type PdfOutput, type SummarySheetOptions} from './build-pdfs.js'
export {renderPdf, type PdfRender, type RenderPdfOptions} from './render-pdf.js'
export {renderSummaryPdf, type RenderSummaryOptions, type SummaryBox, type SummaryRender} from './render-summary.js'
export type {SummaryPaper} from './summary-document.js'
