using System.Text.Json.Serialization;

namespace Berth.Oci.Runtime;

/// <summary>Block I/O weights and throttles.</summary>
public sealed class LinuxBlockIo : SpecObject
{
    /// <summary>The cgroup's weight, 10 to 1000.</summary>
    [JsonPropertyName("weight")]
    public ushort? Weight { get; set; }

    /// <summary>The weight against the cgroup's children (CFQ only).</summary>
    [JsonPropertyName("leafWeight")]
    public ushort? LeafWeight { get; set; }

    /// <summary>Weights by device.</summary>
    [JsonPropertyName("weightDevice")]
    public List<LinuxWeightDevice>? WeightDevice { get; set; }

    /// <summary>Read bytes per second by device.</summary>
    [JsonPropertyName("throttleReadBpsDevice")]
    public List<LinuxThrottleDevice>? ThrottleReadBpsDevice { get; set; }

    /// <summary>Write bytes per second by device.</summary>
    [JsonPropertyName("throttleWriteBpsDevice")]
    public List<LinuxThrottleDevice>? ThrottleWriteBpsDevice { get; set; }

    /// <summary>Read operations per second by device.</summary>
    [JsonPropertyName("throttleReadIOPSDevice")]
    public List<LinuxThrottleDevice>? ThrottleReadIopsDevice { get; set; }

    /// <summary>Write operations per second by device.</summary>
    [JsonPropertyName("throttleWriteIOPSDevice")]
    public List<LinuxThrottleDevice>? ThrottleWriteIopsDevice { get; set; }
}

/// <summary>A weight for one block device.</summary>
public sealed class LinuxWeightDevice : SpecObject
{
    /// <summary>The major number.</summary>
    [JsonPropertyName("major")]
    public long Major { get; set; }

    /// <summary>The minor number.</summary>
    [JsonPropertyName("minor")]
    public long Minor { get; set; }

    /// <summary>The weight.</summary>
    [JsonPropertyName("weight")]
    public ushort? Weight { get; set; }

    /// <summary>The weight against the cgroup's children.</summary>
    [JsonPropertyName("leafWeight")]
    public ushort? LeafWeight { get; set; }
}

/// <summary>A rate limit for one block device.</summary>
public sealed class LinuxThrottleDevice : SpecObject
{
    /// <summary>The major number.</summary>
    [JsonPropertyName("major")]
    public long Major { get; set; }

    /// <summary>The minor number.</summary>
    [JsonPropertyName("minor")]
    public long Minor { get; set; }

    /// <summary>Bytes or operations per second.</summary>
    [JsonPropertyName("rate")]
    public ulong Rate { get; set; }
}

/// <summary>A huge page limit.</summary>
public sealed class LinuxHugepageLimit : SpecObject
{
    /// <summary>The page size, such as <c>2MB</c>.</summary>
    [JsonPropertyName("pageSize")]
    public string PageSize { get; set; } = string.Empty;

    /// <summary>The limit in bytes.</summary>
    [JsonPropertyName("limit")]
    public ulong Limit { get; set; }
}

/// <summary>Network class and priorities.</summary>
public sealed class LinuxNetwork : SpecObject
{
    /// <summary>The net_cls class id.</summary>
    [JsonPropertyName("classID")]
    public uint? ClassId { get; set; }

    /// <summary>Priorities by interface.</summary>
    [JsonPropertyName("priorities")]
    public List<LinuxInterfacePriority>? Priorities { get; set; }
}

/// <summary>The priority of one interface's traffic.</summary>
public sealed class LinuxInterfacePriority : SpecObject
{
    /// <summary>The interface.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The priority.</summary>
    [JsonPropertyName("priority")]
    public uint Priority { get; set; }
}

/// <summary>RDMA limits of one device.</summary>
public sealed class LinuxRdma : SpecObject
{
    /// <summary>The most HCA handles.</summary>
    [JsonPropertyName("hcaHandles")]
    public uint? HcaHandles { get; set; }

    /// <summary>The most HCA objects.</summary>
    [JsonPropertyName("hcaObjects")]
    public uint? HcaObjects { get; set; }
}
