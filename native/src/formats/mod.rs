//! circom/snarkjs binary files: the shared container and the `.r1cs` and `.wtns` formats.
pub mod binfile;
pub mod r1cs;
pub mod wtns;

pub use r1cs::{Lc, R1cs};
