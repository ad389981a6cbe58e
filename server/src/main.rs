use clap::{Parser, Subcommand};
use server::{Application, config::Settings, open_database, shutdown_signal, telemetry};
use std::process::ExitCode;

/// A render allocates and frees thousands of small strings and nodes: under load glibc's malloc
/// took a quarter of the server's time (perf), mimalloc far less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// 一刻钟 Quarter Hour: the 15-minute living circle portal.
#[derive(Parser)]
#[command(name = "quarterhour", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Start the portal (the default).
    Serve,
    /// Apply database migrations, then exit.
    Migrate,
    /// Create a staff account. The password comes from QH_STAFF_PASSWORD, else a prompt.
    CreateStaff {
        #[arg(long)]
        username: String,
        /// admin or moderator
        #[arg(long)]
        role: String,
        /// The account's area: city, district:<id>, street:<id> or community:<id>
        #[arg(long, default_value = "city")]
        scope: String,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("quarterhour: {error}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(settings.json_logs);
    let outcome = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings).await,
        Command::Migrate => migrate(&settings).await,
        Command::CreateStaff {
            username,
            role,
            scope,
        } => create_staff(&settings, [username, role, scope]).await,
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(settings: Settings) -> Result<(), Box<dyn std::error::Error>> {
    let application = Application::build(settings).await?;
    let shutdown = shutdown_signal();
    tracing::info!("listening on http://{}", application.local_addr()?);
    application.run_until(shutdown).await?;
    Ok(())
}

async fn create_staff(
    settings: &Settings,
    [username, role, scope]: [String; 3],
) -> Result<(), Box<dyn std::error::Error>> {
    use app::domain::{lang::Lang, staff::RawNewStaff};
    let described = |errors: Vec<app::domain::form::FieldError>| {
        errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message(Lang::En)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let password = match std::env::var("QH_STAFF_PASSWORD") {
        Ok(password) if !password.is_empty() => password,
        _ => {
            let first = rpassword::prompt_password("Password for the new account: ")?;
            let again = rpassword::prompt_password("The same password again: ")?;
            if first != again {
                return Err("the two passwords differ; nothing was created".into());
            }
            first
        }
    };
    let raw = RawNewStaff {
        username,
        role,
        password,
        scope,
    };
    let account = raw.parse().map_err(described)?;
    let db = open_database(&settings.database_url).await?;
    let (username, role, scope) = (account.username.clone(), account.role, account.scope);
    let id = match app::staff::accounts::create(&db, None, account).await {
        Ok(id) => id,
        Err(error) => {
            db.close().await;
            let why = match error {
                app::error::AppError::Invalid(errors)
                    if errors.iter().any(|e| e.field == "username") =>
                {
                    format!("the username {username} is taken")
                }
                app::error::AppError::Invalid(errors) => described(errors),
                other => other.to_string(),
            };
            return Err(format!("{why}; nothing was created").into());
        }
    };
    tracing::info!(%username, role = role.code(), scope = scope.code(), "staff account created");
    if role.needs_second_factor() {
        // Enrolled here, so the account's owner can sign in with a code from the start: the
        // address and the recovery codes are printed this once, on the console only.
        let user = app::domain::staff::StaffUser {
            id,
            username: username.clone(),
            role,
            must_change_password: false,
            needs_second_factor: true,
            scope,
            area: None,
        };
        let (uri, codes) = app::staff::second_factor::enrol_new(&db, &user)
            .await
            .map_err(|e| format!("two-step verification could not be set up: {e}"))?;
        println!(
            "\nTwo-step verification for {username}: add this to an authenticator app (shown once):\n\n    {uri}\n\nRecovery codes, each good for one sign-in without the phone:\n\n    {}\n",
            codes.join("\n    ")
        );
    }
    db.close().await;
    Ok(())
}

async fn migrate(settings: &Settings) -> Result<(), Box<dyn std::error::Error>> {
    let db = open_database(&settings.database_url).await?;
    tracing::info!(engine = db.engine().name(), "migrations applied");
    db.close().await;
    Ok(())
}
