import './broken.css'
