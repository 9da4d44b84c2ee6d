using System.Text;

namespace FineTuningSample;

/// <summary>Reads the sample's CSV of questions and answers (a header row, quoted fields with doubled quotes).</summary>
internal static class CustomerServiceCsv
{
    public static async Task<List<(string Question, string Answer)>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var rows = new List<(string, string)>();
        var lineNumber = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            if (lineNumber++ == 0 || string.IsNullOrWhiteSpace(line))
            {
                continue; // the header, blank lines
            }

            var fields = Split(line);
            if (fields.Count != 2)
            {
                throw new FormatException($"{path}, line {lineNumber}: expected question,answer but found {fields.Count} field(s).");
            }

            rows.Add((fields[0], fields[1]));
        }

        return rows;
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
