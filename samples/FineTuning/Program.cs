// FineTuning: from a CSV of customer-service questions and answers to a fine-tuned model answering a question.
// Run with no key to go through the built-in emulator in seconds; with OPENAI_API_KEY it fine-tunes on the real API
// (which takes minutes and costs money: the validation report prints the estimate first).
//
//   dotnet run                                          the shipped CSV, through the emulator without OPENAI_API_KEY
//   dotnet run -- my-answers.csv --suffix my-support --epochs 3
//   dotnet run -- --help
using System.CommandLine;
using ChatGpt;
using ChatGpt.Chat;
using ChatGpt.Files;
using ChatGpt.FineTuning;
using ChatGpt.FineTuning.TrainingData;
using ChatGpt.Http.Uploads;
using ChatGpt.Samples;
using FineTuningSample;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;

const string DefaultSystemPrompt = "You are Acme's friendly customer-service assistant. Answer briefly and precisely.";

var backend = new BackendOptions(defaultModel: "gpt-4o-mini-2024-07-18", modelDescription: "The base model to fine-tune");
backend.Model.Aliases.Add("--base-model");
var csvArgument = SampleCommand.FreeText("csv", "The CSV of questions and answers (header: question,answer; default: the shipped customer-service.csv)");
var csvOption = new Option<FileInfo?>("--csv") { Description = "The CSV, as an option", HelpName = "path" };
var questionOption = new Option<string>("--question") { Description = "The question asked to the fine-tuned model", DefaultValueFactory = _ => "My parcel arrived broken, what should I do?", HelpName = "text" };
var systemOption = new Option<string>("--system") { Description = "The system prompt of every training example and of the question", DefaultValueFactory = _ => DefaultSystemPrompt, HelpName = "text" };
var suffixOption = new Option<string>("--suffix") { Description = "Added to the fine-tuned model's name (up to 64 characters)", DefaultValueFactory = _ => "acme-support", HelpName = "text" };
var epochsOption = new Option<int?>("--epochs") { Description = "Training epochs (default: auto, chosen by the API from the example count)", HelpName = "n" };
var seedOption = new Option<int?>("--seed") { Description = "Seed for a reproducible job" };
var outputOption = new Option<FileInfo?>("--output") { Description = "Where to write the JSONL (default: a temporary file)", HelpName = "path" };
var priceOption = new Option<decimal>("--price") { Description = "Training price per million tokens, for the cost estimate", DefaultValueFactory = _ => 3.00m, HelpName = "usd" };
var validateOnlyOption = new Option<bool>("--validate-only") { Description = "Write and validate the JSONL, print the report and stop (nothing is sent)" };

var root = new RootCommand("""
    Fine-tunes a model on a CSV of customer-service answers, then asks it a question: writes the JSONL, prints the
    validation report, uploads with a progress bar, follows the job's events until it succeeds.
    """)
{
    csvArgument, csvOption, questionOption, systemOption, suffixOption, epochsOption, seedOption, outputOption, priceOption, validateOnlyOption,
};
backend.AddTo(root);
root.SetAction(RunAsync);
return await SampleCommand.RunAsync(root, args);

async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
{
    var csv = parsed.GetValue(csvArgument) is { } csvPath ? new FileInfo(csvPath)
        : parsed.GetValue(csvOption) ?? new FileInfo(Path.Combine(AppContext.BaseDirectory, "customer-service.csv"));
    var model = parsed.GetValue(backend.Model)!;
    var question = parsed.GetValue(questionOption)!;
    var systemPrompt = parsed.GetValue(systemOption)!;
    var output = parsed.GetValue(outputOption);
    var epochs = parsed.GetValue(epochsOption);
    var useEmulator = backend.UsesEmulator(parsed);

    var builder = Host.CreateApplicationBuilder();
    var backendName = backend.Register(parsed, builder.Services, builder.Logging);
    Console.Error.WriteLine($"Backend: {backendName}." + (useEmulator ? " The job runs in seconds." : string.Empty));

    using var host = builder.Build();
    IChatGptFilesClient files;
    IChatGptFineTuningClient fineTuning;
    IChatGptClient chat;
    try
    {
        files = host.Services.GetRequiredService<IChatGptFilesClient>();
        fineTuning = host.Services.GetRequiredService<IChatGptFineTuningClient>();
        chat = host.Services.GetRequiredService<IChatGptClient>();
    }
    catch (OptionsValidationException ex)
    {
        // E.g. a --base-url that is not on this machine and no key.
        Console.Error.WriteLine($"Configuration error: {ex.Message}");
        return 2;
    }

    if (!csv.Exists)
    {
        Console.Error.WriteLine($"Error: {csv.FullName} does not exist.");
        return 2;
    }

    try
    {
        // 1. CSV → JSONL: one conversation per row.
        var rows = await CustomerServiceCsv.ReadAsync(csv.FullName, cancellationToken);
        var jsonl = output?.FullName ?? Path.Combine(Path.GetTempPath(), $"acme-support-{Environment.ProcessId}.jsonl");
        var written = await TrainingDataWriter.WriteFileAsync(
            jsonl,
            rows.Select(row => FineTuningExample.Create(ChatMessage.System(systemPrompt), ChatMessage.User(row.Question), ChatMessage.Assistant(row.Answer))),
            cancellationToken);
        AnsiConsole.MarkupLine($"Wrote [bold]{written}[/] examples from [grey]{Markup.Escape(csv.Name)}[/] to [grey]{Markup.Escape(jsonl)}[/]");

        // 2. The validation report, before anything is sent.
        var report = await TrainingDataValidator.ValidateFileAsync(jsonl, new TrainingDataValidationOptions { Model = model, PricePerMillionTokens = parsed.GetValue(priceOption) }, cancellationToken);
        PrintReport(report);
        if (!report.IsValid || parsed.GetValue(validateOnlyOption))
        {
            return report.IsValid ? 0 : 1;
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
        var job = await fineTuning.CreateJobAsync(new FineTuningJobRequest
        {
            Model = model,
            TrainingFile = file.Id,
            Suffix = parsed.GetValue(suffixOption),
            Seed = parsed.GetValue(seedOption),
            Method = FineTuningMethod.CreateSupervised(epochs is { } n ? new SupervisedHyperparameters { NEpochs = n } : null),
        }, cancellationToken);
        var jobEpochs = job.Method?.Supervised?.Hyperparameters?.NEpochs ?? job.Hyperparameters?.NEpochs ?? FineTuningParameter.Auto;
        AnsiConsole.MarkupLine($"Started [bold]{job.Id}[/] ({job.Status}; epochs: {jobEpochs}{(job.Seed is { } jobSeed ? $"; seed: {jobSeed}" : string.Empty)})");
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
        var answer = await chat.CreateChatCompletionAsync(new ChatCompletionRequest { Model = job.FineTunedModel, Messages = [ChatMessage.System(systemPrompt), ChatMessage.User(question)] }, cancellationToken);
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
        Console.Error.WriteLine($"Error: {ex.Message}");
        return 1;
    }
    catch (FormatException ex)
    {
        // A malformed CSV row: the reader names the file and line.
        Console.Error.WriteLine($"Error: {ex.Message}");
        return 1;
    }
    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
    {
        Console.Error.WriteLine("[cancelled]");
        return 130;
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
