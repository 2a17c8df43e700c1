//! `mahalla-kiosk`: the touchscreen terminal, and its screenshot tour.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use mahalla_kiosk::terminal::Terminal;
use mahalla_kiosk::ui::tour::{Tour, TourRequest};
use mahalla_kiosk_core::config::Config;
use mahalla_kiosk_core::logging;
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
    #[cfg(feature = "kms")]
    mahalla_kiosk::kms::select_backend()?;
    #[cfg(not(feature = "kms"))]
    slint::BackendSelector::new()
        .select()
        .map_err(|e| format!("cannot open the display: {e}"))?;
    let terminal = Terminal::start(config, catalogue)?;
    let _systemd = mahalla_kiosk::systemd::Notifier::attach(terminal.app.window());
    tracing::info!(data_dir = %config.data_dir.display(), "kiosk started");
    terminal
        .app
        .run()
        .map_err(|e| format!("the touchscreen stopped: {e}"))
}
