// vinext's documented setup; the bench passes it with `--config`, so apps stay unchanged.
import vinext from 'vinext'
import { defineConfig } from 'vite'

export default defineConfig({ plugins: [vinext()] })
