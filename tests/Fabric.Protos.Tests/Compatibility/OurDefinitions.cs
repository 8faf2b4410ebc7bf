using System.Reflection;
using Fabric.Protos.Common;
using Google.Protobuf.Reflection;

namespace Fabric.Protos.Tests.Compatibility;

/// <summary>Every .proto file compiled into Fabric.Protos, read back from the generated descriptors.</summary>
internal static class OurDefinitions
{
    public static IReadOnlyList<FileDescriptor> Files { get; } = LoadFiles();

    public static IEnumerable<MessageDescriptor> Messages =>
        Files.SelectMany(file => file.MessageTypes).SelectMany(WithNested).Where(message => !message.IsMapEntry());

    public static IEnumerable<EnumDescriptor> Enums =>
        Files.SelectMany(file => file.EnumTypes)
            .Concat(Files.SelectMany(file => file.MessageTypes).SelectMany(WithNested).SelectMany(m => m.EnumTypes));

    public static IEnumerable<ServiceDescriptor> Services => Files.SelectMany(file => file.Services);

    /// <summary>The .proto type of a field, spelled as dump-upstream.js spells it.</summary>
    public static string TypeOf(FieldDescriptor field) => field.FieldType.ToString().ToLowerInvariant();

    public static string LabelOf(FieldDescriptor field) =>
        field.IsMap ? "map" : field.IsRepeated ? "repeated" : "optional";

    private static IEnumerable<MessageDescriptor> WithNested(MessageDescriptor message) =>
        new[] { message }.Concat(message.NestedTypes.SelectMany(WithNested));

    private static bool IsMapEntry(this MessageDescriptor message) => message.GetOptions()?.MapEntry == true;

    private static List<FileDescriptor> LoadFiles()
    {
        // Each generated file class "<Name>Reflection" exposes its FileDescriptor as a static Descriptor property.
        var assembly = typeof(CommonReflection).Assembly;
        return assembly.GetTypes()
            .Where(type => type.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(type => type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .Where(property => property?.PropertyType == typeof(FileDescriptor))
            .Select(property => (FileDescriptor)property!.GetValue(null)!)
            .OrderBy(file => file.Name, StringComparer.Ordinal)
            .ToList();
    }
}
