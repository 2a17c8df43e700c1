//! `GET /api/v1/software-updates/{version}/{file}`: a file of a published software update,
//! with `Content-Length` and range requests, so a download broken off resumes where it
//! stopped. Only the files the version's stored manifest names are served, from the
//! version's own directory. Neither the request nor the answer is signed: the terminal
//! checks each file against the signed manifest the feed gave it.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use mahalla_portal_store::StoreError;
use mahalla_protocol::software_update::{Manifest, Version};
use mahalla_protocol::wire::ErrorReason;
use tower_http::services::ServeFile;

use super::{AppState, Failure};

fn not_found() -> Failure {
    Failure::new(
        StatusCode::NOT_FOUND,
        ErrorReason::NotFound,
        "no such file of a published software update",
    )
}

pub async fn file(
    State(state): State<Arc<AppState>>,
    Path((version, name)): Path<(String, String)>,
    request: Request,
) -> Result<Response, Failure> {
    let version: Version = version.parse().map_err(|_| not_found())?;
    let update = state
        .store
        .software_update(version)
        .await?
        .ok_or_else(not_found)?;
    let manifest: Manifest = serde_json::from_str(&update.manifest)
        .map_err(|error| StoreError::Corrupt(format!("the manifest of {version}: {error}")))?;
    if !manifest.files.iter().any(|file| file.name == name) {
        return Err(not_found());
    }
    let path = state.software_updates.join(version.to_string()).join(&name);
    let response = ServeFile::new(&path)
        .try_call(request)
        .await
        .map_err(|error| {
            tracing::error!(%error, path = %path.display(), "software update file");
            Failure::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorReason::Internal,
                "the portal could not read the file",
            )
        })?;
    if response.status() == StatusCode::NOT_FOUND {
        tracing::error!(path = %path.display(), "a published software update file is missing");
        return Err(not_found());
    }
    let (mut parts, body) = response.into_parts();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    Ok(Response::from_parts(parts, Body::new(body)))
}
