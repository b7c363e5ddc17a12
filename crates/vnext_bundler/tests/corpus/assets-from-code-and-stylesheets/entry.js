import logo from './logo.png'
import './styles.css'

// The URL, under the public path, with a hash of the file's bytes.
console.log(logo.replace(/-[0-9a-f]{16}\./, '-[hash].'))
