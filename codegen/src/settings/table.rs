//! The `settings_table!` macro: from one list of settings (in `settings/mod.rs`)
//! it makes the [`Settings`](crate::Settings) struct and its `Default`, the key
//! list, the text parser [`Settings::set`](crate::Settings::set), the table the
//! CLI builds its flags from ([`SETTINGS`](crate::SETTINGS)) and the
//! [`Builder`](crate::Builder) setters. Adding a setting is one entry there.
//!
//! An entry is a field (docs, name, type, default) and the keys that set it
//! (usually one; `runtime` has `runtime_path` and `runtime_version`):
//!
//! ```text
//! /// Field docs.
//! field field_name: Type = default;
//!     key key_name(Kind) cli = CliSpec::..., builder = yes|no => |settings, value| apply;
//! ```
//!
//! `Kind` is one of `settings/kinds.rs` (it parses and checks the value; an
//! optional `expected = "..."` overrides what errors say it accepts), `apply` is
//! an expression storing the parsed value into the settings.

/// How a setting appears on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CliForm {
    /// The positional argument.
    Positional,
    /// A bare flag meaning `true`.
    Flag,
    /// A bare flag meaning `false`; without it the CLI sets `true`.
    NegatedFlag,
    /// A flag with a value (repeatable when the setting's values add up).
    Value,
}

/// A setting's command-line flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CliSpec {
    /// Positional, flag or flag with a value.
    pub form: CliForm,
    /// The long flag without dashes (`date-time-as-string`); the id for a positional.
    pub long: &'static str,
    /// The value's placeholder in `--help` (empty for flags).
    pub value_name: &'static str,
    /// The help text.
    pub help: &'static str,
    /// Only `generate` has it (the crate's own settings); `check` does not.
    pub crate_only: bool,
    /// Another key it cannot be given with on the command line.
    pub conflicts_with: Option<&'static str>,
}

impl CliSpec {
    const fn new(
        form: CliForm,
        long: &'static str,
        value_name: &'static str,
        help: &'static str,
    ) -> Self {
        Self {
            form,
            long,
            value_name,
            help,
            crate_only: false,
            conflicts_with: None,
        }
    }

    /// The positional argument `VALUE_NAME`.
    pub(crate) const fn positional(value_name: &'static str, help: &'static str) -> Self {
        Self::new(CliForm::Positional, "spec", value_name, help)
    }

    /// `--long` for `true`.
    pub(crate) const fn flag(long: &'static str, help: &'static str) -> Self {
        Self::new(CliForm::Flag, long, "", help)
    }

    /// `--long` for `false`, `true` without it.
    pub(crate) const fn negated(long: &'static str, help: &'static str) -> Self {
        Self::new(CliForm::NegatedFlag, long, "", help)
    }

    /// `--long VALUE_NAME`.
    pub(crate) const fn value(
        long: &'static str,
        value_name: &'static str,
        help: &'static str,
    ) -> Self {
        Self::new(CliForm::Value, long, value_name, help)
    }

    /// Only in `generate`.
    pub(crate) const fn crate_only(mut self) -> Self {
        self.crate_only = true;
        self
    }

    /// Cannot be given with `key`'s flag.
    pub(crate) const fn conflicts_with(mut self, key: &'static str) -> Self {
        self.conflicts_with = Some(key);
        self
    }
}

/// One key of the settings table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct SettingInfo {
    /// The key (`date_time_as_string`), the same in every entry point and config file.
    pub key: &'static str,
    /// What the key accepts, as error messages say it.
    pub expected: &'static str,
    /// A boolean: a bare CLI flag, `key = true` in the macro.
    pub is_flag: bool,
    /// Values add up (the macro takes them comma-separated, the CLI flag repeats,
    /// a config file takes an array).
    pub repeatable: bool,
    /// A path the generator reads: in a config file, relative to the file's folder.
    pub read_path: bool,
    /// The command-line flag.
    pub cli: CliSpec,
}

macro_rules! settings_table {
    (
        $(#[$struct_meta:meta])*
        pub struct $name:ident;
        $(
            $(#[doc = $doc:literal])*
            field $field:ident : $fty:ty = $default:expr;
            $(
                key $key:ident ($kind:ident $(, expected = $expected:literal)?)
                    cli = $cli:expr, builder = $builder:ident
                    => |$s:ident, $v:ident| $apply:expr;
            )+
        )*
    ) => {
        $(#[$struct_meta])*
        pub struct $name {
            $( $(#[doc = $doc])* pub $field: $fty, )*
        }

        impl Default for $name {
            fn default() -> Self {
                Self { $( $field: $default, )* }
            }
        }

        /// Every key [`Settings::set`] accepts, in documentation order.
        pub const SETTING_KEYS: &[&str] = &[ $( $( stringify!($key), )+ )* ];

        /// Every key with what it accepts and its command-line flag, in
        /// documentation order (the CLI builds its flags from it).
        pub const SETTINGS: &[SettingInfo] = &[ $( $(
            SettingInfo {
                key: stringify!($key),
                expected: settings_table!(@expected $kind $($expected)?),
                is_flag: <kinds::$kind as Kind>::IS_FLAG,
                repeatable: <kinds::$kind as Kind>::REPEATABLE,
                read_path: <kinds::$kind as Kind>::READ_PATH,
                cli: $cli,
            },
        )+ )* ];

        impl $name {
            /// Sets one option by key: the single mapping from option names (macro
            /// `key = value`, CLI flags, config files) to fields. Values are given
            /// as text: paths and names as they are, booleans as `true`/`false`.
            pub fn set(&mut self, key: &str, value: &str) -> Result<(), SettingsError> {
                $( $(
                    if key == stringify!($key) {
                        let Some($v) = <kinds::$kind as Kind>::parse(value) else {
                            return Err(SettingsError::bad_value(
                                key,
                                value,
                                settings_table!(@expected $kind $($expected)?),
                            ));
                        };
                        let $s = self;
                        $apply;
                        return Ok(());
                    }
                )+ )*
                Err(SettingsError::UnknownKey(key.to_owned()))
            }
        }

        impl crate::Builder {
            $( $(
                settings_table!(@setter $builder $kind $key $field
                    [$($expected)?] |$s, $v| $apply);
            )+ )*
        }
    };

    (@expected $kind:ident) => { <kinds::$kind as Kind>::EXPECTED };
    (@ty Flag) => { bool };
    (@ty ReadPath) => { ::std::path::PathBuf };
    (@ty $other:ident) => { String };
    (@expected $kind:ident $expected:literal) => { $expected };

    (@setter no $($rest:tt)*) => {};
    (@setter yes NameList $($rest:tt)*) => {
        settings_table!(@list_setter NameList $($rest)*);
    };
    (@setter yes Replacements $($rest:tt)*) => {
        settings_table!(@list_setter Replacements $($rest)*);
    };
    (@setter yes Renames $($rest:tt)*) => {
        settings_table!(@list_setter Renames $($rest)*);
    };
    (@setter yes Derives $($rest:tt)*) => {
        settings_table!(@list_setter Derives $($rest)*);
    };
    (@setter yes Attributes $($rest:tt)*) => {
        settings_table!(@list_setter Attributes $($rest)*);
    };
    (@list_setter $kind:ident $key:ident $field:ident [$($expected:literal)?]
        |$s:ident, $v:ident| $apply:expr) => {
        #[doc = concat!("Adds to setting `", stringify!($key), "` (see [`Settings::",
            stringify!($field), "`](crate::Settings::", stringify!($field), ")).")]
        pub fn $key<I, S>(self, names: I) -> Self
        where
            I: IntoIterator<Item = S>,
            S: Into<String>,
        {
            let names: Vec<String> = names.into_iter().map(Into::into).collect();
            self.set_checked::<kinds::$kind>(
                stringify!($key),
                settings_table!(@expected $kind $($expected)?),
                names,
                |$s, $v| $apply,
            )
        }
    };
    (@setter yes $kind:ident $key:ident $field:ident [$($expected:literal)?]
        |$s:ident, $v:ident| $apply:expr) => {
        #[doc = concat!("Sets setting `", stringify!($key), "` (see [`Settings::",
            stringify!($field), "`](crate::Settings::", stringify!($field), ")).")]
        pub fn $key(self, value: impl Into<settings_table!(@ty $kind)>) -> Self {
            self.set_checked::<kinds::$kind>(
                stringify!($key),
                settings_table!(@expected $kind $($expected)?),
                value.into(),
                |$s, $v| $apply,
            )
        }
    };
}

pub(crate) use settings_table;
