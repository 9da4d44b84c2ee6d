// FineTuning: from a CSV of customer-service questions and answers to a fine-tuned model answering a question.
// Run with no key to go through the built-in emulator in seconds; with OPENAI_API_KEY it fine-tunes on the real API
// (which takes minutes and costs money: the validation report prints the estimate first).
using System.CommandLine;
using ChatGpt;
using ChatGpt.Chat;
using ChatGpt.Files;
using ChatGpt.FineTuning;
using ChatGpt.FineTuning.TrainingData;
using ChatGpt.Http.Uploads;
using ChatGpt.Testing;
using FineTuningSample;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

const string SystemPrompt = "You are Acme's friendly customer-service assistant. Answer briefly and precisely.";

var csvOption = new Option<FileInfo>("--csv") { Description = "The CSV of questions and answers (header: question,answer).", DefaultValueFactory = _ => new FileInfo(Path.Combine(AppContext.BaseDirectory, "customer-service.csv")) };
var modelOption = new Option<string>("--model") { Description = "The base model to fine-tune.", DefaultValueFactory = _ => "gpt-4o-mini-2024-07-18" };
var questionOption = new Option<string>("--question") { Description = "The question asked to the fine-tuned model.", DefaultValueFactory = _ => "My parcel arrived broken, what should I do?" };
var suffixOption = new Option<string>("--suffix") { Description = "Added to the fine-tuned model's name.", DefaultValueFactory = _ => "acme-support" };
var outputOption = new Option<FileInfo?>("--output") { Description = "Where to write the JSONL (a temporary file when omitted)." };
var priceOption = new Option<decimal>("--price") { Description = "Training price per million tokens, for the cost estimate.", DefaultValueFactory = _ => 3.00m };
var emulatorOption = new Option<bool>("--emulator") { Description = "Use the built-in emulator even when OPENAI_API_KEY is set." };

var root = new RootCommand("Fine-tunes a model on a CSV of customer-service answers, then asks it a question.")
{
    csvOption, modelOption, questionOption, suffixOption, outputOption, priceOption, emulatorOption,
};
root.SetAction((result, cancellationToken) => RunAsync(
    result.GetValue(csvOption)!, result.GetValue(modelOption)!, result.GetValue(questionOption)!, result.GetValue(suffixOption)!,
    result.GetValue(outputOption), result.GetValue(priceOption), result.GetValue(emulatorOption), cancellationToken));
return await root.Parse(args).InvokeAsync();

static async Task<int> RunAsync(FileInfo csv, string model, string question, string suffix, FileInfo? output, decimal price, bool forceEmulator, CancellationToken cancellationToken)
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    var chatGpt = builder.Services.AddChatGpt();
    var useEmulator = forceEmulator || string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ChatGptOptions.ApiKeyEnvironmentVariable));
    if (useEmulator)
    {
        chatGpt.UseEmulator(new ChatGptEmulator());
        Console.Error.WriteLine("Using the built-in emulator (no OPENAI_API_KEY set): the job runs in seconds and the model's answers are canned.");
    }

    using var host = builder.Build();
    var files = host.Services.GetRequiredService<IChatGptFilesClient>();
    var fineTuning = host.Services.GetRequiredService<IChatGptFineTuningClient>();
    var chat = host.Services.GetRequiredService<IChatGptClient>();

    try
    {
        // 1. CSV → JSONL: one conversation per row.
        var rows = await CustomerServiceCsv.ReadAsync(csv.FullName, cancellationToken);
        var jsonl = output?.FullName ?? Path.Combine(Path.GetTempPath(), $"acme-support-{Environment.ProcessId}.jsonl");
        var written = await TrainingDataWriter.WriteFileAsync(
            jsonl,
            rows.Select(row => FineTuningExample.Create(ChatMessage.System(SystemPrompt), ChatMessage.User(row.Question), ChatMessage.Assistant(row.Answer))),
            cancellationToken);
        AnsiConsole.MarkupLine($"Wrote [bold]{written}[/] examples from [grey]{Markup.Escape(csv.Name)}[/] to [grey]{Markup.Escape(jsonl)}[/]");

        // 2. The validation report, before anything is sent.
        var report = await TrainingDataValidator.ValidateFileAsync(jsonl, new TrainingDataValidationOptions { Model = model, PricePerMillionTokens = price }, cancellationToken);
        PrintReport(report);
        if (!report.IsValid)
        {
            return 1;
        }

        // 3. Upload with a progress bar.
        ChatGptFile file = null!;
        await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn()).StartAsync(async context =>
        {
            var bar = context.AddTask("Uploading", maxValue: new FileInfo(jsonl).Length);
            var progress = new Progress<UploadProgress>(p => bar.Value = p.BytesSent);
            file = await files.UploadFileAsync(UploadSource.FromFile(jsonl, "text/jsonl"), FilePurpose.FineTune, new FileUploadOptions { Progress = progress }, cancellationToken);
            bar.Value = bar.MaxValue;
        });
        AnsiConsole.MarkupLine($"Uploaded [bold]{file.Id}[/] ({file.Bytes} bytes)");

        // 4. The job, followed through its events.
        var job = await fineTuning.CreateJobAsync(new FineTuningJobRequest { Model = model, TrainingFile = file.Id, Suffix = suffix, Method = FineTuningMethod.CreateSupervised() }, cancellationToken);
        AnsiConsole.MarkupLine($"Started [bold]{job.Id}[/] ({job.Status})");
        await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn()).StartAsync(async context =>
        {
            var bar = context.AddTask("Training", maxValue: 1);
            var progress = new Progress<FineTuningJobEvent>(e =>
            {
                if (e.Data is { } data && data.TryGetProperty("step", out var step) && data.TryGetProperty("total_steps", out var total))
                {
                    bar.MaxValue = total.GetDouble();
                    bar.Value = step.GetDouble();
                }
                else
                {
                    AnsiConsole.MarkupLine($"  [grey]{e.CreatedAt:HH:mm:ss}[/] {Markup.Escape(e.Message ?? string.Empty)}");
                }
            });
            var waitOptions = new FineTuningWaitOptions { InitialPollInterval = TimeSpan.FromMilliseconds(useEmulator ? 250 : 1000) };
            job = await fineTuning.WaitForCompletionAsync(job.Id, progress, waitOptions, cancellationToken);
            bar.Value = bar.MaxValue;
        });
        AnsiConsole.MarkupLine($"Fine-tuned model: [bold green]{Markup.Escape(job.FineTunedModel!)}[/]");

        // 5. Ask the new model.
        var answer = await chat.CreateChatCompletionAsync(new ChatCompletionRequest { Model = job.FineTunedModel, Messages = [ChatMessage.System(SystemPrompt), ChatMessage.User(question)] }, cancellationToken);
        AnsiConsole.MarkupLine($"[bold]> {Markup.Escape(question)}[/]");
        AnsiConsole.WriteLine(answer.Choices[0].Message.Content ?? string.Empty);
        return 0;
    }
    catch (FineTuningJobFailedException ex)
    {
        AnsiConsole.MarkupLine($"[red]The job failed:[/] {Markup.Escape(ex.Message)}");
        return 1;
    }
    catch (ChatGptException ex)
    {
        Console.Error.WriteLine($"The API call failed: {ex.Message}");
        return 1;
    }
}

static void PrintReport(TrainingDataReport report)
{
    var table = new Table().Title($"Training data for {Markup.Escape(report.Model)}").AddColumn("Check").AddColumn(new TableColumn("Value").RightAligned());
    table.AddRow("Examples", report.ExampleCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    if (report.TokensPerExample is { } tokens)
    {
        table.AddRow("Tokens per example (min / median / max)", $"{tokens.Min} / {tokens.Median} / {tokens.Max}");
    }

    table.AddRow("Epochs (API default for this size)", report.Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture));
    table.AddRow("Billed tokens", report.BilledTokens.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
    if (report.EstimatedCost is { } cost)
    {
        table.AddRow("Estimated cost", cost.ToString("$0.0000", System.Globalization.CultureInfo.InvariantCulture));
    }

    table.AddRow("Issues", report.IsValid ? "[green]none[/]" : $"[red]{report.IssueCount}[/]");
    AnsiConsole.Write(table);
    foreach (var issue in report.Issues)
    {
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(issue.ToString())}[/]");
    }
}
