pub fn write(_s: &crate::site::Site, _t: &crate::theme::Theme, _c: &std::path::Path) -> Result<Vec<u8>, Vec<crate::diagnostic::Diagnostic>> { Ok(Vec::new()) }
