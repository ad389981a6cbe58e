//! A map tile source as a deployment configures it (`QH_MAP_TILES`, `QH_MAP_ATTRIBUTION`,
//! `QH_MAP_SUBDOMAINS`, `QH_MAP_CRS`): checked once at start, so a typo stops the server with a
//! clear message instead of showing every resident a broken map.

use serde::{Deserialize, Serialize};

/// The datum a tile source draws in. China's commercial maps (AMap, Tencent) are drawn in the
/// state's shifted GCJ-02; 天地图 and OpenStreetMap in WGS-84, as the portal stores places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MapCrs {
    Wgs84,
    Gcj02,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TileSource {
    /// `https://…/{z}/{x}/{y}…`, with `{s}` where a subdomain goes.
    pub template: String,
    /// Shown in the map's corner, as tile providers' terms require.
    pub attribution: String,
    /// One subdomain per entry, put in place of `{s}`.
    pub subdomains: Vec<String>,
    pub crs: MapCrs,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TileSourceError {
    #[error("QH_MAP_TILES must start with https:// or http://")]
    Scheme,
    #[error("QH_MAP_TILES must contain {0}")]
    Placeholder(&'static str),
    #[error("QH_MAP_TILES has no usable host name")]
    Host,
    #[error(
        "QH_MAP_SUBDOMAINS must be letters, digits or hyphens, comma-separated or one per character"
    )]
    Subdomains,
    #[error("QH_MAP_CRS must be wgs84 or gcj02, not {0:?}")]
    Crs(String),
}

impl TileSource {
    pub fn new(
        template: &str,
        attribution: Option<&str>,
        subdomains: Option<&str>,
        crs: Option<&str>,
    ) -> Result<TileSource, TileSourceError> {
        let template = template.trim();
        let rest = template
            .strip_prefix("https://")
            .or_else(|| template.strip_prefix("http://"))
            .ok_or(TileSourceError::Scheme)?;
        for placeholder in ["{z}", "{x}", "{y}"] {
            if !template.contains(placeholder) {
                return Err(TileSourceError::Placeholder(placeholder));
            }
        }
        // The host goes into the Content-Security-Policy: nothing but a host name may be there.
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host_chars_ok = host
            .replace("{s}", "")
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        if host.is_empty() || host.starts_with(['.', ':']) || !host_chars_ok {
            return Err(TileSourceError::Host);
        }
        let subdomains = match subdomains.map(str::trim).filter(|s| !s.is_empty()) {
            None => vec!["a".to_owned(), "b".to_owned(), "c".to_owned()],
            Some(list) if list.contains(',') => {
                list.split(',').map(|s| s.trim().to_owned()).collect()
            }
            Some(list) => list.chars().map(String::from).collect(),
        };
        if subdomains
            .iter()
            .any(|s| s.is_empty() || !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        {
            return Err(TileSourceError::Subdomains);
        }
        let crs = match crs.map(|c| c.trim().to_ascii_lowercase()) {
            None => MapCrs::Wgs84,
            Some(c) if c.is_empty() || c == "wgs84" => MapCrs::Wgs84,
            Some(c) if c == "gcj02" => MapCrs::Gcj02,
            Some(other) => return Err(TileSourceError::Crs(other)),
        };
        Ok(TileSource {
            template: template.to_owned(),
            attribution: attribution.unwrap_or_default().trim().to_owned(),
            subdomains,
            crs,
        })
    }

    /// Every origin tiles can come from (one per subdomain when the host has `{s}`): the page's
    /// Content-Security-Policy allows images from these and no other outside host.
    pub fn origins(&self) -> Vec<String> {
        let (scheme, rest) = self.template.split_once("://").unwrap_or(("https", ""));
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if host.contains("{s}") {
            self.subdomains
                .iter()
                .map(|s| format!("{scheme}://{}", host.replace("{s}", s)))
                .collect()
        } else {
            vec![format!("{scheme}://{host}")]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TIANDITU: &str = "https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY";

    #[test]
    fn a_tianditu_template_allows_each_of_its_subdomains_alone() {
        let source = TileSource::new(TIANDITU, Some("天地图"), Some("01234567"), None).unwrap();
        assert_eq!(source.crs, MapCrs::Wgs84);
        let origins = source.origins();
        assert_eq!(origins.len(), 8);
        assert_eq!(origins[0], "https://t0.tianditu.gov.cn");
        assert_eq!(origins[7], "https://t7.tianditu.gov.cn");
    }

    #[test]
    fn amap_tiles_are_shifted_and_a_local_server_keeps_its_port() {
        let amap = TileSource::new(
            "https://webrd0{s}.is.autonavi.com/appmaptile?style=8&x={x}&y={y}&z={z}",
            None,
            Some("1,2,3,4"),
            Some("GCJ02"),
        )
        .unwrap();
        assert_eq!(amap.crs, MapCrs::Gcj02);
        assert_eq!(amap.origins()[3], "https://webrd04.is.autonavi.com");
        let local =
            TileSource::new("http://127.0.0.1:8123/{z}/{x}/{y}.png", None, None, None).unwrap();
        assert_eq!(local.origins(), ["http://127.0.0.1:8123"]);
    }

    #[test]
    fn templates_that_cannot_work_are_refused_with_the_reason() {
        let bad = |t: &str| TileSource::new(t, None, None, None).unwrap_err();
        assert_eq!(
            bad("//tiles.example/{z}/{x}/{y}.png"),
            TileSourceError::Scheme
        );
        assert_eq!(
            bad("https://tiles.example/{z}/{x}.png"),
            TileSourceError::Placeholder("{y}")
        );
        assert_eq!(
            bad("https://a.example; script-src */{z}/{x}/{y}"),
            TileSourceError::Host
        );
        assert_eq!(
            TileSource::new(TIANDITU, None, Some("0 1"), None).unwrap_err(),
            TileSourceError::Subdomains
        );
        assert_eq!(
            TileSource::new(TIANDITU, None, None, Some("bd09")).unwrap_err(),
            TileSourceError::Crs("bd09".into())
        );
    }
}
