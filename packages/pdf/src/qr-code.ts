import type {Element} from 'hast'
import {s} from 'hastscript'
import {create} from 'qrcode'

/**
 * A QR code of an address as inline SVG: the `qrcode` library encodes it (error
 * correction level M, which survives a worn print), and each dark module becomes
 * one square of a single path. Nothing depends on the time or the machine, so the
 * same address always gives the same bytes.
 *
 * @param url The address to encode.
 * @param label What the code links to, for screen readers and the PDF's tags.
 */
export function renderQrCode(url: string, label: string): Element {
  const {modules} = create(url, {errorCorrectionLevel: 'M'})
  const quiet = 2
  const size = modules.size + quiet * 2
  let path = ''
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      if (modules.get(row, column)) path += `M${column + quiet} ${row + quiet}h1v1h-1z`
    }
  }
  return s('svg.qr-code', {xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${size} ${size}`, role: 'img', ariaLabel: label, shapeRendering: 'crispEdges'}, [
    s('title', label),
    s('rect', {width: size, height: size, fill: '#ffffff'}),
    s('path', {d: path, fill: '#000000'})
  ])
}
