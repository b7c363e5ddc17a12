import './broken.js'
