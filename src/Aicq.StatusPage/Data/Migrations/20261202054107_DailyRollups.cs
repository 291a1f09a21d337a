using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aicq.StatusPage.Data.Migrations
{
    /// <inheritdoc />
    public partial class DailyRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "daily_rollups",
                schema: "status",
                columns: table => new
                {
                    component = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    checks = table.Column<long>(type: "bigint", nullable: false),
                    up_seconds = table.Column<double>(type: "double precision", nullable: false),
                    down_seconds = table.Column<double>(type: "double precision", nullable: false),
                    maintenance_seconds = table.Column<double>(type: "double precision", nullable: false),
                    latency_sum_ms = table.Column<double>(type: "double precision", nullable: false),
                    latency_count = table.Column<long>(type: "bigint", nullable: false),
                    latency_max_ms = table.Column<float>(type: "real", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_daily_rollups", x => new { x.component, x.day });
                });

            migrationBuilder.CreateIndex(
                name: "IX_daily_rollups_day",
                schema: "status",
                table: "daily_rollups",
                column: "day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "daily_rollups",
                schema: "status");
        }
    }
}
