import type {Readable, Writable} from 'node:stream'
import type {ConnectionTransport} from 'puppeteer-core'

/**
 * The DevTools protocol over Chrome's `--remote-debugging-pipe` file descriptors:
 * JSON messages separated by a NUL byte. Unlike a TCP port, nothing else on the
 * machine can attach, and Chrome quits when the pipe closes (when this process dies).
 */
export class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void
  #onclose: (() => void) | undefined
  readonly #toChrome: Writable
  #pending: Buffer[] = []
  #closed = false
  #ended = false

  /**
   * @param toChrome Chrome's fd 3, which it reads commands from.
   * @param fromChrome Chrome's fd 4, which it writes responses and events to.
   */
  constructor(toChrome: Writable, fromChrome: Readable) {
    this.#toChrome = toChrome
    fromChrome.on('data', (chunk: Buffer) => this.#receive(chunk))
    fromChrome.on('close', () => this.#end())
    // A dying Chrome breaks the pipe (EPIPE, ECONNRESET): the close that follows reports it.
    fromChrome.on('error', () => undefined)
    toChrome.on('error', () => undefined)
  }

  /**
   * Told once when Chrome's end of the pipe closes, even if it closed before this was set (a
   * Chrome that exits while puppeteer loads): otherwise puppeteer would wait on it forever.
   */
  set onclose(listener: (() => void) | undefined) {
    this.#onclose = listener
    if (listener && this.#ended) queueMicrotask(() => this.#end())
  }

  get onclose(): () => void {
    return this.#onclose ?? (() => undefined)
  }

  send(message: string): void {
    if (!this.#closed) this.#toChrome.write(`${message}\0`)
  }

  close(): void {
    this.#closed = true
    this.#toChrome.end()
  }

  /**
   * Chrome's own process has exited. Its helper processes (zygote, renderers)
   * may still hold the pipe open for a while, so no end-of-file comes: the
   * connection is closed now instead, and every call waiting on Chrome fails at
   * once rather than at the protocol timeout.
   */
  chromeExited(): void {
    if (!this.#ended) this.#end()
  }

  #receive(chunk: Buffer): void {
    let end = chunk.indexOf(0)
    if (end === -1) {
      this.#pending.push(chunk)
      return
    }
    let start = 0
    while (end !== -1) {
      const message = Buffer.concat([...this.#pending, chunk.subarray(start, end)]).toString('utf8')
      this.#pending = []
      this.onmessage?.(message)
      start = end + 1
      end = chunk.indexOf(0, start)
    }
    if (start < chunk.length) this.#pending.push(chunk.subarray(start))
  }

  #end(): void {
    this.#closed = true
    this.#ended = true
    const onclose = this.#onclose
    this.#onclose = undefined
    onclose?.()
  }
}
