using System.Text.Json;

namespace ChatGpt.Testing.Internal;

/// <summary>Writes <c>fine_tuning.job</c>, <c>fine_tuning.job.event</c> and <c>fine_tuning.job.checkpoint</c> objects and lists of them.</summary>
internal static class FineTuningResponseWriter
{
    public static byte[] Job(EmulatorFineTuningJob job) => ResponseWriter.Write(w => WriteJob(w, job));

    public static byte[] List<T>(List<T> items, bool hasMore, Action<Utf8JsonWriter, T> write) => ResponseWriter.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        foreach (var item in items)
        {
            write(w, item);
        }

        w.WriteEndArray();
        w.WriteBoolean("has_more", hasMore);
        w.WriteEndObject();
    });

    public static void WriteJob(Utf8JsonWriter w, EmulatorFineTuningJob job)
    {
        w.WriteStartObject();
        w.WriteString("object", "fine_tuning.job");
        w.WriteString("id", job.Id);
        w.WriteString("model", job.Model);
        w.WriteNumber("created_at", job.CreatedAt.ToUnixTimeSeconds());
        WriteTime(w, "finished_at", job.FinishedAt);
        ResponseWriter.WriteNullableString(w, "fine_tuned_model", job.FineTunedModel);
        w.WriteString("organization_id", EmulatorRateLimits.Organization);
        w.WriteStartArray("result_files");
        w.WriteEndArray();
        w.WriteString("status", job.Status);
        ResponseWriter.WriteNullableString(w, "validation_file", job.ValidationFile);
        w.WriteString("training_file", job.TrainingFile);
        w.WriteStartObject("hyperparameters");
        w.WriteNumber("batch_size", 1);
        w.WriteNumber("learning_rate_multiplier", 1.8);
        w.WriteNumber("n_epochs", job.Epochs);
        w.WriteEndObject();
        if (job.Status == "succeeded")
        {
            w.WriteNumber("trained_tokens", job.TrainedTokens);
        }
        else
        {
            w.WriteNull("trained_tokens");
        }

        if (job.Error is { } error)
        {
            w.WriteStartObject("error");
            w.WriteString("code", error.Code);
            w.WriteString("message", error.Message);
            ResponseWriter.WriteNullableString(w, "param", error.Param);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("error");
        }

        w.WriteNull("integrations");
        w.WriteNumber("seed", job.Seed);
        WriteTime(w, "estimated_finish", job.EstimatedFinish);
        w.WritePropertyName("method");
        if (job.Method is { } method)
        {
            method.WriteTo(w);
        }
        else
        {
            w.WriteStartObject();
            w.WriteString("type", "supervised");
            w.WriteStartObject("supervised");
            w.WriteStartObject("hyperparameters");
            w.WriteNumber("batch_size", 1);
            w.WriteNumber("learning_rate_multiplier", 1.8);
            w.WriteNumber("n_epochs", job.Epochs);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WritePropertyName("metadata");
        if (job.Metadata is { } metadata)
        {
            metadata.WriteTo(w);
        }
        else
        {
            w.WriteNullValue();
        }

        w.WriteEndObject();
    }

    public static void WriteEvent(Utf8JsonWriter w, EmulatorFineTuningJob.JobEvent e)
    {
        w.WriteStartObject();
        w.WriteString("object", "fine_tuning.job.event");
        w.WriteString("id", e.Id);
        w.WriteNumber("created_at", e.CreatedAt.ToUnixTimeSeconds());
        w.WriteString("level", e.Level);
        w.WriteString("message", e.Message);
        w.WriteString("type", e.Type);
        if (e.Data is { } data)
        {
            w.WritePropertyName("data");
            w.WriteRawValue(data);
        }

        w.WriteEndObject();
    }

    public static void WriteCheckpoint(Utf8JsonWriter w, EmulatorFineTuningJob.JobCheckpoint c, string jobId)
    {
        w.WriteStartObject();
        w.WriteString("object", "fine_tuning.job.checkpoint");
        w.WriteString("id", c.Id);
        w.WriteNumber("created_at", c.CreatedAt.ToUnixTimeSeconds());
        w.WriteString("fine_tuned_model_checkpoint", c.Model);
        w.WriteNumber("step_number", c.Step);
        w.WriteStartObject("metrics");
        w.WriteNumber("step", c.Step);
        w.WriteNumber("train_loss", c.TrainLoss);
        w.WriteNumber("train_mean_token_accuracy", c.TrainAccuracy);
        w.WriteEndObject();
        w.WriteString("fine_tuning_job_id", jobId);
        w.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            w.WriteNumber(name, time.ToUnixTimeSeconds());
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
