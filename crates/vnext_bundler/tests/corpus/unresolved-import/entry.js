import './ok.js'
