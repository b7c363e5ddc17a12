globalThis.log = globalThis.log.concat('second')
