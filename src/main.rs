//! `mahalla-kiosk`: the touchscreen terminal, and its screenshot tour.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use mahalla_kiosk::ui::tour::{Tour, TourRequest};
use mahalla_kiosk::ui::{AppWindow, Dependencies, PrinterLink, Setup, Shell};
use mahalla_kiosk_core::config::Config;
use mahalla_kiosk_core::i18n::Translations;
use mahalla_kiosk_core::logging;
use mahalla_kiosk_core::printer::service::PrinterService;
use mahalla_kiosk_core::store::Store;
use mahalla_kiosk_core::store_worker::StoreWorker;
use mahalla_kiosk_core::sync::{self, SyncOptions};
use mahalla_protocol::lang::Lang;
use slint::ComponentHandle;

#[derive(Parser)]
#[command(version, about = "The mahalla kiosk touchscreen terminal")]
struct Cli {
    /// The configuration file (defaults apply when the default one is absent).
    #[arg(long, global = true, env = "KIOSK_CONFIG")]
    config: Option<PathBuf>,
    /// Where the database lives; overrides the configuration file.
    #[arg(long, global = true, env = "KIOSK_DATA_DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Render every screen in every language to PNG files, without a display.
    Tour {
        #[arg(long)]
        out: PathBuf,
        /// Window size in pixels.
        #[arg(long, default_value = "1920x1080", value_parser = parse_size)]
        size: (u32, u32),
        /// Only this language.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
        /// Only these screens (repeatable).
        #[arg(long)]
        screen: Vec<String>,
    },
}

fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (width, height) = text.split_once('x').ok_or("the size is WIDTHxHEIGHT")?;
    let dimension = |part: &str| match part.parse::<u32>() {
        Ok(value @ 200..=8000) => Ok(value),
        _ => Err(format!(
            "{part:?} is not a width or height between 200 and 8000"
        )),
    };
    Ok((dimension(width)?, dimension(height)?))
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::from_tag(text)
        .ok_or_else(|| format!("{text:?} is not one of uz-Latn, uz-Cyrl, ru, en, kaa"))
}

fn main() -> ExitCode {
    logging::init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    let mut config = Config::load(cli.config.as_deref()).map_err(|e| e.to_string())?;
    if let Some(data_dir) = cli.data_dir {
        config.data_dir = data_dir;
    }
    let catalogue =
        mahalla_protocol::bundled::catalogue().map_err(|e| format!("bundled catalogue: {e}"))?;
    match cli.command {
        Some(Command::Tour {
            out,
            size: (width, height),
            lang,
            screen,
        }) => {
            let request = TourRequest {
                out,
                width,
                height,
                langs: lang.map_or_else(|| Lang::ALL.to_vec(), |lang| vec![lang]),
                screens: screen,
            };
            let rendered = Tour::start(catalogue)
                .and_then(|tour| tour.render(&request))
                .map_err(|e| e.to_string())?;
            for shot in &rendered {
                println!(
                    "{:<18} {:<8} {:>7.1} ms  {}",
                    shot.screen,
                    shot.lang.tag(),
                    shot.render_time.as_secs_f64() * 1e3,
                    shot.path.display()
                );
            }
            Ok(())
        }
        None => run_kiosk(&config, catalogue),
    }
}

fn run_kiosk(
    config: &Config,
    catalogue: mahalla_protocol::catalogue::Catalogue,
) -> Result<(), String> {
    let store = Store::open(&config.data_dir).map_err(|e| e.to_string())?;
    // A printer set up on the terminal itself wins over the file.
    let config = &store.effective_config(config).unwrap_or_else(|error| {
        tracing::error!(%error, "the stored printer setting is unreadable");
        config.clone()
    });
    // With no port configured, receipts go to the virtual printer under the data dir.
    let (events_tx, events) = std::sync::mpsc::channel();
    let setup = config.first_boot_wizard.then(|| Setup {
        config: config.clone(),
        printer_events: events_tx.clone(),
    });
    let (worker, _virtual_printer) =
        match PrinterService::start(config, catalogue.clone(), events_tx) {
            Ok(service) => (Some(service.worker), service.virtual_printer),
            Err(error) => {
                tracing::error!(%error, "no receipt printer: receipts wait in the reprint queue");
                (None, None)
            }
        };
    // The sync worker waits quietly until the terminal is enrolled.
    let options = SyncOptions {
        tls: config.tls.clone(),
        ..SyncOptions::default()
    };
    let sync = match sync::spawn(config.data_dir.clone(), options) {
        Ok(handle) => Some(handle),
        Err(error) => {
            tracing::error!(%error, "no sync with the portal: submissions stay queued");
            None
        }
    };
    let store =
        StoreWorker::start(store).map_err(|e| format!("cannot start the store thread: {e}"))?;
    #[cfg(feature = "kms")]
    mahalla_kiosk::kms::select_backend()?;
    let app = AppWindow::new().map_err(|e| format!("cannot open the display: {e}"))?;
    let _systemd = mahalla_kiosk::systemd::Notifier::attach(app.window());
    let _shell = Shell::attach(
        &app,
        Dependencies {
            catalogue: Arc::new(catalogue),
            translations: Translations::load().map_err(|e| e.to_string())?,
            store,
            default_lang: config.language,
            idle_timeout: config.idle_timeout,
            printer: Some(PrinterLink { worker, events }),
            sync,
            setup,
        },
    );
    tracing::info!(data_dir = %config.data_dir.display(), "kiosk started");
    app.run()
        .map_err(|e| format!("the touchscreen stopped: {e}"))
}
