exports.mode = 'production build'
