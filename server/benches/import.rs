//! An import of 10,000 services from a CSV file into SQLite, read, checked and written in one
//! transaction with every row's history and audit entry. Goal: under 10 s.
//! `cargo bench -p server --bench import`.

use app::{
    domain::{
        sheet,
        staff::{NewStaff, Role, Scope, StaffUser},
    },
    services::staff::sheets::{import, read},
    storage::{Db, demo},
};
use criterion::{Criterion, criterion_group, criterion_main};
use std::time::{Duration, Instant};

const ROWS: usize = 10_000;

/// Ten thousand services around the demo's communities, in the template's columns.
fn file() -> Vec<u8> {
    let mut csv = String::from("名称,类别,地址,纬度,经度,电话,营业时间,所需材料\n");
    let centres = [
        (34.7297, 113.6588),
        (34.7772, 113.6835),
        (34.7302, 113.6168),
    ];
    for n in 0..ROWS {
        let (lat, lng) = centres[n % centres.len()];
        let offset = (n % 97) as f64 * 0.0001;
        csv.push_str(&format!(
            "便民服务点{n},便利店,二七区示范路 {n} 号,{:.6},{:.6},0371-6{:07},\
             \"周一至周五 08:30-12:00, 14:30-17:30；周六 09:00-12:00；周日休息\",身份证；户口本\n",
            lat + offset,
            lng - offset,
            n
        ));
    }
    csv.into_bytes()
}

async fn fresh() -> (tempfile::TempDir, Db, StaffUser) {
    let dir = tempfile::tempdir().unwrap();
    let db = server::open_database(&format!("sqlite://{}/bench.db", dir.path().display()))
        .await
        .unwrap();
    demo::load_if_empty(&db).await.unwrap();
    let account = NewStaff {
        username: "bench.staff".into(),
        role: Role::Moderator,
        password: "基准测试用的密码-2026".into(),
        scope: Scope::City,
    };
    let id = app::staff::accounts::create(&db, None, account)
        .await
        .unwrap();
    let user = StaffUser {
        id,
        username: "bench.staff".into(),
        role: Role::Moderator,
        must_change_password: false,
        needs_second_factor: false,
        scope: Scope::City,
        area: None,
    };
    (dir, db, user)
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let bytes = file();
    let mut group = c.benchmark_group("import");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(60));
    group.bench_function("10000 rows from CSV, SQLite", |b| {
        b.iter_custom(|times| {
            runtime.block_on(async {
                let mut spent = Duration::ZERO;
                for _ in 0..times {
                    let (_dir, db, user) = fresh().await;
                    let started = Instant::now();
                    let cells = read::cells(read::Format::Csv, &bytes).unwrap();
                    let categories = app::categories::db::all(&db).await.unwrap();
                    let rows = sheet::read(&categories, &cells).unwrap();
                    let counts = import(&db, &user, &rows, Vec::new(), false).await.unwrap();
                    spent += started.elapsed();
                    assert_eq!(counts.created, ROWS);
                    db.close().await;
                }
                spent
            })
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
