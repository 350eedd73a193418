export {chromeArgs, closeLaunchedBrowsers, launchBrowser, type LaunchedBrowser, type LaunchOptions} from './launch-browser.js'
export {resolveChrome, type ResolveChromeOptions, type ResolvedChrome} from './resolve-chrome.js'
