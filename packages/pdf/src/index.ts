export {buildPdfs, type BuildPdfsOptions, type PdfOutput} from './build-pdfs.js'
export {renderPdf, type PdfRender, type RenderPdfOptions} from './render-pdf.js'
