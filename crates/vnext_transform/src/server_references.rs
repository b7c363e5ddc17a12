//! `"use server"` modules. In the server components layer the module runs for real and
//! each exported function is registered with React as a server reference under its
//! action id; everywhere else the module is replaced by references that call the
//! server with that id.

use std::fmt::Write;

use sha1::{Digest, Sha1};

/// The id of the action `name` of `file`, shaped as Next's: a byte describing the
/// function, then the SHA-1 of the build's secret `salt`, the file and the name (Next
/// hashes its encryption key with them). The hash says nothing of the file or the name,
/// and without the salt it cannot be computed from the source. The byte, `7f`, says "a
/// server action that may use every argument", so Next-style clients omit none.
pub fn action_id(salt: &str, file: &str, name: &str) -> String {
    let digest = Sha1::digest(format!("{salt}{file}:{name}").as_bytes());
    digest.iter().fold(String::from("7f"), |mut hex, byte| {
        let _ = write!(hex, "{byte:02x}");
        hex
    })
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

#[cfg(test)]
mod tests {
    use super::action_id;

    #[test]
    fn an_action_id_is_the_sha1_of_salt_file_and_name() {
        let id = action_id("k1", "app/actions.ts", "save");
        assert_eq!(id, "7f4a8c5719025b2437ad63f4f1113417b860b0ac29");
        assert_ne!(id, action_id("k2", "app/actions.ts", "save"));
        assert_ne!(id, action_id("k1", "app/actions.ts", "load"));
    }
}
