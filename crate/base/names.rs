//! One naming pattern for every enum that JavaScript or a file names: [`Named`] gives each its
//! list of variants, `name()` and `from_name()`, and [`serde_by_name!`](crate::serde_by_name) makes
//! serde read and write the same names, so a name is spelled in exactly one place. A leaf module.

use serde::de::{self, Deserializer, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// An enum whose variants have fixed names in configs, links and files.
pub trait Named: Copy + PartialEq + 'static {
    /// Every variant, in menu order.
    const ALL: &'static [Self];

    /// The variant's name.
    fn name(self) -> &'static str;

    /// The variant called `name`, if any.
    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.name() == name)
    }

    /// Every name, comma-separated, for messages.
    fn known() -> String {
        let names: Vec<&str> = Self::ALL.iter().map(|v| v.name()).collect();
        names.join(", ")
    }
}

/// Reads a [`Named`] value from a string; anything else is refused with the known names.
pub fn deserialize<'de, T: Named, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    struct ByName<T>(PhantomData<T>);
    impl<T: Named> Visitor<'_> for ByName<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "one of {}", T::known())
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
            T::from_name(s).ok_or_else(|| {
                E::custom(format!(
                    "\"{}\" is not one of {}",
                    crate::base::text::clip(s),
                    T::known()
                ))
            })
        }
    }
    d.deserialize_str(ByName(PhantomData))
}

/// Implements serde's `Serialize` and `Deserialize` for [`Named`] enums through their names.
#[macro_export]
macro_rules! serde_by_name {
    ($($t:ty),* $(,)?) => {$(
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($crate::base::names::Named::name(*self))
            }
        }
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::base::names::deserialize(d)
            }
        }
    )*};
}
