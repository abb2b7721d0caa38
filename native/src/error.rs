//! The one error type of the native core. Each variant maps onto one FFI status code and,
//! on the Python side, onto one exception class of `masa_zk.errors`.
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Wrong length, wrong shape, value out of range, or an argument that makes no sense.
    InvalidInput(String),
    /// Bytes that do not decode: non-canonical field element (>= modulus), bad flags.
    InvalidEncoding(String),
    /// Coordinates that satisfy no curve equation.
    NotOnCurve(String),
    /// A point on the curve but outside the prime-order subgroup.
    NotInSubgroup(String),
    /// A proof or signature that fails verification where failure is an error.
    InvalidProof(String),
    /// A witness that does not satisfy a constraint.
    UnsatisfiedConstraint(String),
}

impl Error {
    pub fn message(&self) -> &str {
        match self {
            Error::InvalidInput(m)
            | Error::InvalidEncoding(m)
            | Error::NotOnCurve(m)
            | Error::NotInSubgroup(m)
            | Error::InvalidProof(m)
            | Error::UnsatisfiedConstraint(m) => m,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// Shorthand for the most common error.
pub fn invalid(msg: impl Into<String>) -> Error {
    Error::InvalidInput(msg.into())
}
