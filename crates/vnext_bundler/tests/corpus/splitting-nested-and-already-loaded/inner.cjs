exports.word = 'hello'
