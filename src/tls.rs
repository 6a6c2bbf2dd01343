//! One place that decides which certificates we trust: the operating system's
//! store (through rustls-platform-verifier, so ISP and company roots work and
//! stay current) plus an optional extra PEM bundle (`--ca-file` or `SSL_CERT_FILE`).

use std::path::Path;
use std::sync::Arc;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

pub use crate::model::TrustError;

#[derive(Clone, Default)]
pub struct Trust {
    extra_roots: Vec<CertificateDer<'static>>,
    /// The configuration, built once: building it reads the whole system
    /// certificate store, which costs more than a TLS handshake on a LAN.
    built: Arc<std::sync::OnceLock<rustls::ClientConfig>>,
}

impl Trust {
    /// Roots from an explicit file, else from `SSL_CERT_FILE` when set.
    pub fn load(ca_file: Option<&Path>) -> Result<Self, TrustError> {
        let from_env = std::env::var_os("SSL_CERT_FILE").map(std::path::PathBuf::from);
        let mut trust = Trust::default();
        for path in ca_file.map(Path::to_path_buf).into_iter().chain(from_env) {
            trust.add_pem_file(&path)?;
        }
        Ok(trust)
    }

    pub fn add_pem_file(&mut self, path: &Path) -> Result<(), TrustError> {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| TrustError::Read {
            path: shown.clone(),
            source,
        })?;
        let certs: Vec<_> = CertificateDer::pem_slice_iter(&bytes)
            .collect::<Result<_, _>>()
            .map_err(|e| TrustError::Invalid {
                path: shown.clone(),
                detail: e.to_string(),
            })?;
        if certs.is_empty() {
            return Err(TrustError::Empty { path: shown });
        }
        self.extra_roots.extend(certs);
        self.built = Default::default();
        Ok(())
    }

    pub fn provider() -> Arc<rustls::crypto::CryptoProvider> {
        Arc::new(rustls::crypto::ring::default_provider())
    }

    /// A rustls client configuration verifying against OS roots + extra roots.
    pub fn client_config(&self) -> Result<rustls::ClientConfig, TrustError> {
        if let Some(config) = self.built.get() {
            return Ok(config.clone());
        }
        let config = self.build()?;
        Ok(self.built.get_or_init(|| config).clone())
    }

    fn build(&self) -> Result<rustls::ClientConfig, TrustError> {
        let provider = Self::provider();
        let verifier = rustls_platform_verifier::Verifier::new_with_extra_roots(
            self.extra_roots.iter().cloned(),
            provider.clone(),
        )
        .map_err(|e| TrustError::Setup(e.to_string()))?;
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| TrustError::Setup(e.to_string()))?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth();
        Ok(config)
    }

    /// lettre's TLS parameters for STARTTLS, with the same trust as `client_config`.
    pub fn lettre_params(
        &self,
        server_name: &str,
    ) -> Result<lettre::transport::smtp::client::TlsParameters, TrustError> {
        let mut builder =
            lettre::transport::smtp::client::TlsParameters::builder(server_name.to_string());
        for der in &self.extra_roots {
            let cert = lettre::transport::smtp::client::Certificate::from_der(der.to_vec())
                .map_err(|e| TrustError::Setup(e.to_string()))?;
            builder = builder.add_root_certificate(cert);
        }
        builder
            .build_rustls()
            .map_err(|e| TrustError::Setup(e.to_string()))
    }
}
