export { default as Widget, version as widgetVersion } from './widget.js'
