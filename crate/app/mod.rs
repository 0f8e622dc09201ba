//! The application: settings, the scene free play and the lessons share, free play, the lessons,
//! model and point files, and the inspection of one point.

pub mod config;
pub mod files;
pub mod inspect;
pub mod lesson;
pub mod playground;
pub mod scene;
