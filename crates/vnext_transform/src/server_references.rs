//! `"use server"` modules. In the server components layer the module runs for real and
//! each exported function is registered with React as a server reference under its
//! action id; everywhere else the module is replaced by references that call the
//! server with that id.

use xxhash_rust::xxh3::xxh3_128;

/// The id of the action `name` of `file`: a hash of both, so it says nothing of either.
pub fn action_id(file: &str, name: &str) -> String {
    format!("{:032x}", xxh3_128(format!("{file}#{name}").as_bytes()))
}

/// ESM appended to a `"use server"` module in the `rsc` layer. It runs after the
/// module's own code, so reads each export off `exports` once the CommonJS pass has
/// made them properties there.
pub(crate) fn registration_source(actions: &[(String, String)]) -> String {
    format!(
        "import {{ registerServerReference as __vnext_registerServerReference }} from \"react-server-dom-webpack/server\";\n\
         for (const [__vnext_name, __vnext_id] of {}) {{\n\
           const __vnext_action = exports[__vnext_name];\n\
           if (typeof __vnext_action === \"function\") __vnext_registerServerReference(__vnext_action, __vnext_id, null);\n\
         }}\n",
        serde_json::to_string(actions).expect("strings always serialise")
    )
}

/// The module that stands for a `"use server"` module outside the `rsc` layer: each
/// export is a function that sends its arguments to the server under the action's id,
/// through `globalThis.__vnext_callServer` (set by the client router).
pub fn server_reference_stub(actions: &[(String, String)]) -> String {
    let mut source = String::from(
        "import { createServerReference } from \"react-server-dom-webpack/client\";\n\
         const callServer = (id, args) => globalThis.__vnext_callServer(id, args);\n",
    );
    for (index, (name, id)) in actions.iter().enumerate() {
        let name = serde_json::to_string(name).expect("strings always serialise");
        let id = serde_json::to_string(id).expect("strings always serialise");
        source.push_str(&format!(
            "const __vnext_action_{index} = createServerReference({id}, callServer);\n\
             export {{ __vnext_action_{index} as {name} }};\n"
        ));
    }
    source
}
