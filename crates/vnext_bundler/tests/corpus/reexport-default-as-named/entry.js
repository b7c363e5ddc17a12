import { Widget, widgetVersion } from './index.js'
console.log(new Widget().render(), widgetVersion)
