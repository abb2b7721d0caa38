//! circom/snarkjs binary files: the shared container and the `.r1cs` and `.wtns` formats.
pub mod binfile;
pub mod lem;
pub mod ptau;
pub mod r1cs;
pub mod wtns;
pub mod zkey;

pub use r1cs::{Lc, R1cs};
