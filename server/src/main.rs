use clap::{Parser, Subcommand};
use server::{Application, config::Settings, open_database, shutdown_signal, telemetry};
use std::process::ExitCode;

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

async fn migrate(settings: &Settings) -> Result<(), Box<dyn std::error::Error>> {
    let db = open_database(&settings.database_url).await?;
    tracing::info!(engine = db.engine().name(), "migrations applied");
    db.close().await;
    Ok(())
}
