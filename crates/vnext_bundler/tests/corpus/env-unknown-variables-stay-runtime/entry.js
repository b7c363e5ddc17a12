console.log(process.env.KNOWN, typeof process.env.UNKNOWN_AT_BUILD_TIME)
