export {buildSite, type BuildResult, type BuildSiteOptions} from './build-site.js'
export {contentSecurityPolicy} from './render/layout.js'
export {createRoutes, type Routes} from './routes.js'
export {serveSite, type ServeSiteOptions, type SiteServer} from './serve-site.js'
