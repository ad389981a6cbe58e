//! The 15-minute nearby query over 100,000 service points: the resident's most common search.
//! Goal: under 1 ms at the median. `cargo bench -p server --bench nearby`; PostgreSQL is
//! measured too when TEST_POSTGRES_URL is set.

use app::{
    domain::{circle::Circle, geo::LatLng, hours::LocalTime, service::ServiceQuery},
    services::db::search,
    storage::Db,
};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

mod support;

const SERVICES: usize = 100_000;
/// Zhengzhou's built-up area, roughly 33 km by 36 km: about 80 service points a square km.
const AREA: (f64, f64, f64, f64) = (34.60, 34.90, 113.45, 113.85);
const HOURS: &str = r#"{"days":[[{"open":510,"close":720},{"open":870,"close":1080}],[{"open":510,"close":720},{"open":870,"close":1080}],[{"open":510,"close":720},{"open":870,"close":1080}],[{"open":510,"close":720},{"open":870,"close":1080}],[{"open":510,"close":720},{"open":870,"close":1080}],[{"open":540,"close":720}],[]]}"#;

/// A deterministic stream of numbers in [0, 1): the same data on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    fn point(&mut self) -> (f64, f64) {
        let (lat0, lat1, lng0, lng1) = AREA;
        (
            lat0 + self.next() * (lat1 - lat0),
            lng0 + self.next() * (lng1 - lng0),
        )
    }
}

async fn fill(db: &Db) {
    sqlx::query("INSERT INTO districts (code, name_zh, name_en, lat, lng) VALUES ('d', '区', 'D', 34.75, 113.63)")
        .execute(db.pool())
        .await
        .unwrap();
    sqlx::query("INSERT INTO streets (district_id, code, name_zh, name_en, lat, lng) VALUES (1, 's', '街道', 'S', 34.75, 113.63)")
        .execute(db.pool())
        .await
        .unwrap();
    sqlx::query("INSERT INTO communities (street_id, code, name_zh, name_en, lat, lng) VALUES (1, 'c', '社区', 'C', 34.75, 113.63)")
        .execute(db.pool())
        .await
        .unwrap();
    let mut random = Lcg(15);
    let categories = app::categories::db::all(db).await.unwrap();
    let mut tx = db.pool().begin().await.unwrap();
    const ROWS: usize = 500;
    for chunk in 0..SERVICES / ROWS {
        let values: Vec<String> = (0..ROWS)
            .map(|r| {
                let n = r * 6;
                format!(
                    "(${}, ${}, ${}, ${}, ${}, ${}, 1, '{HOURS}')",
                    n + 1,
                    n + 2,
                    n + 3,
                    n + 4,
                    n + 5,
                    n + 6
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO services (code, name, category, address, lat, lng, community_id, hours) VALUES {}",
            values.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for r in 0..ROWS {
            let i = chunk * ROWS + r;
            let (lat, lng) = random.point();
            query = query
                .bind(format!("bench-{i}"))
                .bind(format!("服务点{i}"))
                .bind(categories.all()[i % categories.all().len()].id.as_str())
                .bind(format!("郑州市某路{i}号"))
                .bind(lat)
                .bind(lng);
        }
        query.execute(&mut *tx).await.unwrap();
    }
    tx.commit().await.unwrap();
    if db.engine() == app::storage::Engine::Postgres {
        sqlx::query("ANALYZE services")
            .execute(db.pool())
            .await
            .unwrap();
    } else {
        sqlx::query("ANALYZE").execute(db.pool()).await.unwrap();
    }
}

fn homes() -> Vec<LatLng> {
    let mut random = Lcg(42);
    (0..1024)
        .map(|_| {
            // Homes away from the edges, so every circle is full.
            let (lat, lng) = random.point();
            LatLng::new(lat.clamp(34.62, 34.88), lng.clamp(113.47, 113.83)).unwrap()
        })
        .collect()
}

fn bench_engine(c: &mut Criterion, name: &str, url: &str) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let db = runtime.block_on(async {
        let db = server::open_database(url).await.unwrap();
        fill(&db).await;
        db
    });
    let homes = homes();
    let now = LocalTime {
        weekday: 2,
        minute: 10 * 60,
    };
    let mut next = 0;
    c.bench_function(&format!("nearby_15_min_100k/{name}"), |b| {
        b.to_async(&runtime).iter(|| {
            next = (next + 1) % homes.len();
            let query = ServiceQuery {
                near: Some((homes[next], Circle::Fifteen)),
                category: None,
                text: None,
                named: Vec::new(),
                open_now: false,
                limit: 20,
                offset: 0,
            };
            let db = &db;
            async move { black_box(search(db, &query, now).await.unwrap()) }
        })
    });
    runtime.block_on(db.close());
}

fn nearby(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    bench_engine(
        c,
        "sqlite",
        &format!("sqlite://{}/bench.db", dir.path().display()),
    );
    if let Ok(base) = std::env::var("TEST_POSTGRES_URL") {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let url = runtime.block_on(support::fresh_postgres(&base, "qh_bench"));
        bench_engine(c, "postgres", &url);
    }
}

criterion_group!(benches, nearby);
criterion_main!(benches);
